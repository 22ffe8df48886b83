"""The bundled open dataset: data files, loaders and source attributions."""
