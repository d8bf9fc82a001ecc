function "check_password" {
  input {
    text email
    text password
  }
  stack {
    db.get member {
      field_name = "email"
      field_value = $input.email
    } as $member
    security.check_password {
      text_password = $input.password
      hash_password = $member.password_hash
    } as $ok
  }
  response = $ok
}
