"""Formats: the plain projection of the model (`plain`) and the files made from it (`native` JSON, GraphML)."""
