from tests.fakes.letsconnect import key_pair, lc  # noqa: F401  (the fake Let's Connect)
