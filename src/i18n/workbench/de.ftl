# The workbench in de.
