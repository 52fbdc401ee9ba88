from calls_kit import hall  # noqa: F401  (the module-scoped real hub fixture)
