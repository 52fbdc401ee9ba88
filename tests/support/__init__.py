"""Helpers shared by test suites and benches (throwaway PostgreSQL clusters, ...)."""
