query "auth/sign_in" verb=POST {
  input {
    text email filters=trim|lower
    text password
  }
  stack {
    function.run "check_password" {
      input = {email: $input.email, password: $input.password}
    } as $ok
    precondition ($ok) {
      error_type = "accessdenied"
      error = "wrong email or password"
    }
    security.create_auth_token {
      table = "member"
      extras = {}
      expiration = 86400
    } as $token
  }
  response = {token: $token}
}
