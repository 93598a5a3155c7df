"""The Starlette portal: thin routes over the use cases."""
