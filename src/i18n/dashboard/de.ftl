# The dashboard in de.
