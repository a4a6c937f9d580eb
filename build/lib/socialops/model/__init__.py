"""The content model: one loader (`loader.load`) builds it; rules and site only read it."""
