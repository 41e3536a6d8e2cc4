# The dashboard in es.
