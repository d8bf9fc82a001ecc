query "posts" verb=GET {
  input {
    int page?=1
  }
  stack {
    db.query post {
      sort = {published_at: "desc"}
      return = {type: "list", paging: {page: $input.page, per_page: 20}}
    } as $posts
  }
  response = $posts
}
