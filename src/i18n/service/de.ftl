# The service in de.
