"""Checks on a built model: structural rules (`rules`) and quote verification against full texts (`quotes`)."""
