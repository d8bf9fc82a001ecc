table "post" {
  schema {
    int id
    int member_id {table = "member"}
    text title filters=trim
    text body
    timestamp published_at?
  }
}
