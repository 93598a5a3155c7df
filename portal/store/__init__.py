"""Storage: Tortoise models and the repositories built on them."""
