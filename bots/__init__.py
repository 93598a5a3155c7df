"""Chat adapters: each translates its platform's payloads into Signoff's use cases."""
