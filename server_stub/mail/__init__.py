"""E-mail: invitations and host notices through a transactional outbox, sent over SMTP."""
