"""The parts of the importer (``nianbao.publish.importer``): sources, tokens, the walk, the tables, the narrative."""
