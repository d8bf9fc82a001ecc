task "expire_sessions" {
  stack {
    db.bulk.delete session {
      where = $db.session.expires_at < now
    }
  }
  schedule = [{starts_on: "2024-01-01 03:00:00+0000", freq: 86400}]
}
