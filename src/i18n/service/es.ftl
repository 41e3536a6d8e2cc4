# The service in es.
