"""Governance on GitHub: CODEOWNERS, the director gate, the reviewer's preview, the
scheduled audit and branch protection. Each command module has `configure(parser)` (its
subcommand's options, see cli.COMMANDS) and a handler; `api` is the one REST client they share."""
