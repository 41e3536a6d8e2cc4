# The service in fr.
