"""Accounts: the account dialog and the controller that saves, edits and removes profiles."""
