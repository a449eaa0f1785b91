"""Error codes of the matching API, registered for the OpenAPI schema.

Matching answers with the shared codes only: `validation_error` (a bad filter, naming the
field), `unknown_skill` (a skill filter that matches no taxonomy entry), `not_found` (a gig the
caller may not see, or no profile for the gig feed). Elasticsearch outages never surface as an
error: reads fall back to the database backend and report `degraded: true`.
"""

from common.errors import register_codes

register_codes({})
