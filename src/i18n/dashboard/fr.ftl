# The dashboard in fr.
