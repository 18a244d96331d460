"""Link: which victim records are the same human being.

    >>> from tally.link import link_project
    >>> report = link_project(project)        # doctest: +SKIP
"""

from tally.link.clustering import ClusterPolicy, Clustering, Evidence, cluster_records
from tally.link.persons import PersonView, person_view
from tally.link.review import record_verdict, review_queue
from tally.link.run import LinkReport, dedupe_file, link_project
from tally.link.settings import LinkSettings

__all__ = [
    "ClusterPolicy",
    "Clustering",
    "Evidence",
    "LinkReport",
    "LinkSettings",
    "PersonView",
    "cluster_records",
    "dedupe_file",
    "link_project",
    "person_view",
    "record_verdict",
    "review_queue",
]
