workflow_test "sign_in_flow" {
  stack {
    api.call "auth/sign_in" verb=POST {
      input = {email: "reader@board.example", password: "correct horse"}
    } as $result
    expect.to_be_defined ($result.token)
  }
}
