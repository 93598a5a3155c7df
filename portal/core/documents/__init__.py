"""Read one agreement version file: YAML front matter, then the text in Markdown.

The body's structure is the document's own: `#` opens a part (an appendix), `##` a section,
`###` a numbered clause. Paragraphs straight under a section that has no numbered clauses
(Stockport prints none) become clauses numbered by section and paragraph order. A heading
may end in `{#ref}` to fix a reference by hand.
"""

from portal.core.documents.errors import DocumentError
from portal.core.documents.files import (
    VersionFile,
    agreement_from_files,
    parse_version,
    parse_version_file,
)

__all__ = [
    "DocumentError",
    "VersionFile",
    "agreement_from_files",
    "parse_version",
    "parse_version_file",
]
