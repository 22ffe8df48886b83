"""The knowledge base in the API: public practices and lessons (:mod:`.views`), and a workspace's own
(:mod:`.private`, under ``/api/workspaces/<workspace>/``)."""
