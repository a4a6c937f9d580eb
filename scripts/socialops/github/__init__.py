"""Governance on GitHub: CODEOWNERS, the director gate, the reviewer's preview, the
scheduled audit and branch protection. Each command module has `register(commands)`
(its argparse subcommand) and a handler; `api` is the one REST client they share."""
