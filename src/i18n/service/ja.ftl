# The service in ja.
