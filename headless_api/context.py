"""One response's payload: references collected while building, loaded in bulk, rendered.

Builders put small reference objects (an image, a rich text, a document, an embed) in
the dicts they return. ``PayloadContext.render`` loads everything referenced with one
query per kind and serializes with orjson, which resolves each reference through its
``default`` hook. The number of queries therefore does not grow with the number of
blocks, links, images or cards.
"""

import orjson

from core.localization import language_code_for

from .links import PublicUrls, find_links, load_page_targets, rewrite_links
from .media import load_documents, load_embeds, load_images


class ImageRef:
    """An image to show as renditions; ``alt`` None means the image's own description."""

    __slots__ = ("image_id", "alt")

    def __init__(self, image_id, alt=None):
        self.image_id = image_id
        self.alt = alt


class RichTextRef:
    __slots__ = ("source",)

    def __init__(self, source):
        self.source = source or ""


class EmbedRef:
    __slots__ = ("url",)

    def __init__(self, url):
        self.url = url


class DocumentRef:
    """A document block's value: title and description as the editor wrote them."""

    __slots__ = ("document_id", "title", "description")

    def __init__(self, document_id, title, description):
        self.document_id = document_id
        self.title = title
        self.description = description


class PdfRef:
    """A report's PDF: its download, size and page count (None when the file is gone)."""

    __slots__ = ("document_id", "page_count")

    def __init__(self, document_id, page_count):
        self.document_id = document_id
        self.page_count = page_count


class PayloadContext:
    """Collects what a payload refers to; loads and renders it for one locale."""

    def __init__(self, locale):
        self.locale = locale
        self.language_code = language_code_for(locale.pk)
        self.urls = PublicUrls()
        self._image_ids = set()
        self._document_ids = set()
        self._rich_texts = []
        self._embed_urls = set()
        self._block_lists = []
        self.images = self.documents = self.embeds = self.page_targets = None

    # --- references --------------------------------------------------------------------

    def image(self, image_id, alt=None):
        """A reference to an image payload (None when ``image_id`` is None)."""
        if not image_id:
            return None
        self._image_ids.add(image_id)
        return ImageRef(image_id, alt)

    def rich_text(self, source):
        ref = RichTextRef(source)
        self._rich_texts.append(ref)
        return ref

    def embed(self, url):
        self._embed_urls.add(url)
        return EmbedRef(url)

    def document(self, document_id, title, description):
        self._document_ids.add(document_id)
        return DocumentRef(document_id, title, description)

    def pdf(self, document_id, page_count):
        self._document_ids.add(document_id)
        return PdfRef(document_id, page_count)

    def body(self, blocks):
        """Register a body list so blocks whose image or document is gone are dropped."""
        self._block_lists.append(blocks)
        return blocks

    def page_url(self, url_path):
        return self.urls.page_url(url_path)

    def page_path(self, url_path):
        return self.urls.path(url_path) or ""

    # --- loading and rendering --------------------------------------------------------------

    def load(self):
        page_ids, document_ids = set(), set(self._document_ids)
        for ref in self._rich_texts:
            pages, documents = find_links(ref.source)
            page_ids |= pages
            document_ids |= documents
        targets = load_page_targets(page_ids, self.locale.pk)
        self.page_targets = {pk: self.urls.page_url(path) for pk, path in targets.items()}
        self.images = load_images(self._image_ids, self.urls)
        self.documents = load_documents(document_ids, self.urls)
        self.document_urls = {pk: doc["url"] for pk, doc in self.documents.items()}
        self.embeds = load_embeds(self._embed_urls)
        for blocks in self._block_lists:
            blocks[:] = [block for block in blocks if not self._is_dangling(block)]

    def _is_dangling(self, block):
        value = block["value"]
        if isinstance(value, DocumentRef):
            return value.document_id not in self.documents
        image = value.get("image") if isinstance(value, dict) else None
        return isinstance(image, ImageRef) and image.image_id not in self.images

    def _default(self, obj):
        if isinstance(obj, ImageRef):
            image = self.images.get(obj.image_id)
            if image is None:
                return None
            alt = image["description"] if obj.alt is None else obj.alt
            payload = {key: value for key, value in image.items() if key != "description"}
            payload["alt"] = alt
            return payload
        if isinstance(obj, RichTextRef):
            return rewrite_links(obj.source, self.page_targets, self.document_urls)
        if isinstance(obj, EmbedRef):
            return self.embeds.get(obj.url)
        if isinstance(obj, PdfRef):
            document = self.documents.get(obj.document_id)
            if document is None:
                return None
            return {
                "url": document["url"],
                "file_size": document["file_size"],
                "page_count": obj.page_count,
            }
        if isinstance(obj, DocumentRef):
            document = self.documents[obj.document_id]
            return {
                "title": obj.title or document["title"],
                "description": obj.description,
                "url": document["url"],
                "file_size": document["file_size"],
                "extension": document["extension"],
            }
        if hasattr(obj, "__str__") and obj.__class__.__name__ == "__proxy__":
            return str(obj)  # lazy translations (e.g. a default heading)
        raise TypeError(f"Cannot serialize {type(obj).__name__}")

    def render(self, data):
        """Load the references and return compact JSON bytes."""
        self.load()
        return orjson.dumps(data, default=self._default)
