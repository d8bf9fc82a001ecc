table "member" {
  schema {
    int id
    text email filters=trim|lower
    password password_hash sensitive = true
    timestamp created_at?=now
  }
  index = [{type: "btree", field: [{name: "email"}], unique: true}]
}
