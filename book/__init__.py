"""The manual's machinery: question banks, quiz renderers, the Sphinx extension, the CLI.

Chapters import their quiz function by language: `from book.en import quiz`.
"""
