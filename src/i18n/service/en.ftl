# The service in en.
