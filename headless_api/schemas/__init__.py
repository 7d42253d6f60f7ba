"""The API contract: one named pydantic schema per response, error and block type.

The views build plain dicts (see ``payloads``) and serialize them with orjson for speed;
these schemas document them in the OpenAPI document, and the test suite checks that
every payload validates against them (snapshots, schemathesis).
"""

from .analysis import (
    AboutAuthor,
    AnalysisCard,
    AnalysisDetail,
    AnalysisList,
    HeroImage,
    Recommended,
)
from .blocks import (
    BodyBlock,
    DocumentBlock,
    DocumentValue,
    EmbedBlock,
    EmbedValue,
    HeadingBlock,
    HeadingValue,
    ImageBlock,
    ImageBlockValue,
    KeyPointsBlock,
    KeyPointsValue,
    ParagraphBlock,
    ParagraphValue,
    QuoteBlock,
    QuoteValue,
    TableBlock,
    TableValue,
)
from .common import AuthorRef, FocalPoint, ImagePayload, Rendition, Seo, Tag, Term, Translation
from .errors import NotFoundError, ParameterError, ParameterProblem, PreviewTokenError
from .experts import ExpertCard, ExpertDetail, Expertise, ExpertLink, ExpertList
from .pages import (
    AnalysisResult,
    ExpertResult,
    OtherPageResult,
    PageDetail,
    PageResult,
    Taxonomy,
    TermWithCounts,
)

__all__ = [
    "ParameterProblem",
    "ParameterError",
    "NotFoundError",
    "PreviewTokenError",
    "Rendition",
    "FocalPoint",
    "ImagePayload",
    "Term",
    "Tag",
    "AuthorRef",
    "Translation",
    "Seo",
    "HeadingValue",
    "HeadingBlock",
    "ParagraphValue",
    "ParagraphBlock",
    "QuoteValue",
    "QuoteBlock",
    "KeyPointsValue",
    "KeyPointsBlock",
    "ImageBlockValue",
    "ImageBlock",
    "EmbedValue",
    "EmbedBlock",
    "DocumentValue",
    "DocumentBlock",
    "TableValue",
    "TableBlock",
    "BodyBlock",
    "AnalysisCard",
    "AnalysisList",
    "AboutAuthor",
    "Recommended",
    "HeroImage",
    "AnalysisDetail",
    "ExpertCard",
    "ExpertList",
    "ExpertLink",
    "Expertise",
    "ExpertDetail",
    "PageDetail",
    "AnalysisResult",
    "ExpertResult",
    "OtherPageResult",
    "PageResult",
    "TermWithCounts",
    "Taxonomy",
]
