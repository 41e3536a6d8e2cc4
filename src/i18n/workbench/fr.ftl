# The workbench in fr.
