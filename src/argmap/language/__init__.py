"""The .arg language: the syntax tree, parsing (the only lark import), build into the model, the formatter, the
unparser (model -> syntax tree) and the Pygments highlighter."""
