"""Creating and publishing the import's new pages, each row written once.

``create_published`` is the end state of ``parent.add_child(instance=page)``,
``page.save_revision()`` and ``revision.publish()`` for a page that did not exist: what it
leaves out is work whose answer the import already knows (profiled in docs/benchmarks.md).
``Children`` is what the import knows of a parent's children while its transaction holds
the parent's row: their slugs and tree positions, read once instead of once per new page.
"""

import dataclasses
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from modelcluster.models import (
    ClusterableModel,
    get_all_child_m2m_relations,
    get_all_child_relations,
)
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published


class Children:
    """The children of ``parent`` as the current transaction sees them, kept up to date by
    the pages it adds (``added``): their slugs and the last one's tree path (the parent's
    ``numchild`` in memory is set from its locked row).

    Made once per transaction and parent (``BaseWriter.children``): it locks the parent's
    row first, as treebeard's ``add_child`` does, so until the transaction ends no other
    process adds a child to it and what was read stays true. Two queries, however many
    pages the transaction then adds or looks up by slug (each of which cost three to five).
    """

    def __init__(self, parent):
        node = Page.objects.select_for_update().only("path", "depth", "numchild").get(pk=parent.pk)
        rows = Page.objects.filter(depth=node.depth + 1, path__startswith=node.path).values_list(
            "slug", "path"
        )
        self.parent = parent
        parent.numchild = node.numchild
        self.depth = node.depth + 1
        self.slugs = set()
        self.last_path = None
        for slug, path in rows:
            self.slugs.add(slug)
            if self.last_path is None or path > self.last_path:
                self.last_path = path

    def available_slug(self, requested):
        """``wagtail.coreutils.find_available_slug(parent, requested)``, in memory."""
        slug, number = requested, 1
        while slug in self.slugs:
            slug = f"{requested}-{number}"
            number += 1
        return slug

    def next_path(self):
        """The tree path of a new last child (treebeard's, for Page, whose children are not
        sorted: after the last existing one)."""
        if self.last_path is None:
            path = Page._get_path(self.parent.path, self.depth, 1)
            if len(path) > Page._meta.get_field("path").max_length:
                raise PathOverflow("The new page is too deep in the tree.")
            return path
        return Page(path=self.last_path)._inc_path()

    def added(self, page):
        """Note a child just inserted (by ``create_published`` or treebeard's ``add_child``)."""
        self.slugs.add(page.slug)
        self.last_path = page.path


@dataclasses.dataclass
class LogEntry:
    """One of the page log entries the import writes (a new page's "wagtail.create" by
    default). ``data`` is a dict, or a function of the page made when it is written (the
    page's id is in some entries' data); ``label`` is the page's title in the entry (its
    title as written by default)."""

    action: str = "wagtail.create"
    user: object = None
    data: dict | Callable = dataclasses.field(default_factory=dict)
    content_changed: bool = True
    label: str = ""


def create_published(children, page, user=None, creation=None, inserted=None):
    """Add ``page`` (new, unsaved) under ``children.parent``, live, with its first revision
    live. Its creation is logged with the ``creation`` entries (``LogEntry``; by default one,
    "wagtail.create" by ``user`` or the page's owner); ``inserted(page)``, when given, runs
    once the page and its child rows are in the database, before its revision is made.

    - It is validated as Wagtail validates a live page (``full_clean``) except for lookups
      with a known answer: a relation set to an object in memory (the locale, a term, an
      image the run loaded or created in this transaction) is not read back to check it
      exists, and a new page's translation key and tree path are unique by construction.
      Its slug must be free among the parent's children: Wagtail's ``Page.save`` checks
      with a query, this in memory (``Children``), and asks Wagtail's check only for a
      slug it knows taken.
    - It is no site's root (a new translation key is no site's), so saving it does not ask.
    - Its child rows and many-to-many values are inserted one statement per relation
      (``modelcluster`` first reads what a saved page has, to compare: a new page has none)
      and its revision is serialized from them, in memory, instead of reading them back.
    """
    parent = children.parent
    if page.locale_id is None:
        page.locale = parent.locale
    page._is_site_root = False  # Page.is_site_root's shortcut (PageQuerySet annotates it)
    tree_position = ["path", "depth"]  # set by add_child (treebeard)
    page.full_clean(exclude=tree_position + _relations_in_memory(page), validate_unique=False)
    rows = _child_objects_in_memory(page)
    page._cluster_related_objects = {}  # nothing left for ClusterableModel.save to commit
    _add_child(children, page)
    _insert_children(page, rows)
    for name, objects in rows.items():
        setattr(page, name, objects)  # in memory again, with their primary keys
    creation = creation or [LogEntry(user=user or page.owner)]
    if inserted is not None:  # what it logs comes after the creation
        _log(page, [(entry, None) for entry in creation], timezone.now())
        inserted(page)
        creation = []  # logged already; the page is still a new one to publish_created
    revision = _first_revision(page, user)
    publish_created(page, revision, user, creation=creation)
    return page


def _add_child(children, page):
    """``parent.add_child(instance=page)`` (treebeard's MP_AddChildHandler, for Page, whose
    children are not sorted), with the parent row locked (by ``Children``), but the page
    saved without its "wagtail.create" log entry (``publish_created`` writes it with the
    publish entry, in one statement) nor the checks ``create_published`` made already."""
    page.depth = children.depth
    page.path = children.next_path()
    page._cached_parent_obj = children.parent
    if page.slug in children.slugs:
        page._check_slug_is_unique()  # Wagtail's check, query and error, when it can fail
    Page.objects.filter(pk=children.parent.pk).update(numchild=F("numchild") + 1)
    children.parent.numchild += 1  # in memory too, as treebeard does
    page.save(clean=False, log_action=None)
    children.added(page)


def _first_revision(page, user):
    """``page.save_revision(user=user, clean=False)`` for a page just inserted, but for the
    page's own columns (written by ``publish_created`` with the publication's): a new page
    has no comments to save, and its row is written once more, not twice."""
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision_created_at = revision.created_at
    page.draft_title = page.title
    page.latest_revision = revision
    return revision


def _relations_in_memory(page):
    """Names of the foreign keys of ``page`` set to a model instance (not None)."""
    return [
        field.name
        for field in page._meta.concrete_fields
        if field.many_to_one and field.is_cached(page) and field.get_cached_value(page) is not None
    ]


def _child_objects_in_memory(page):
    """{relation: objects} for every child relation and parental many-to-many field of a
    new ``page``: what was set in memory, empty where nothing was."""
    held = getattr(page, "_cluster_related_objects", {})
    children = {
        relation.get_accessor_name(): list(held.get(relation.get_accessor_name(), ()))
        for relation in get_all_child_relations(page)
    }
    for field in get_all_child_m2m_relations(page):  # each value once, as Django adds them
        children[field.name] = list(
            {value.pk: value for value in held.get(field.name, ())}.values()
        )
    return children


def _insert_children(page, children):
    """Write ``children`` (from ``_child_objects_in_memory``) of a page just inserted."""
    for relation in get_all_child_relations(page):
        objects = children[relation.get_accessor_name()]
        for child in objects:
            setattr(child, relation.field.name, page)
        if issubclass(relation.related_model, ClusterableModel):
            for child in objects:
                child.save()  # commits its own children
        elif objects:
            relation.related_model._base_manager.bulk_create(objects)
    for field in get_all_child_m2m_relations(page):
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = [through(**{source: page, target: value}) for value in children[field.name]]
        through._base_manager.bulk_create(rows)


def publish_created(page, revision, user=None, creation=None):
    """Make ``revision``, the latest revision of ``page`` (created a moment ago with that
    revision's content and not yet published), the live one. With ``creation`` (log
    entries, ``LogEntry``), the page was just inserted by ``create_published`` and its
    creation is logged here too.

    The end state of ``revision.publish()``: live and not expired, first and last
    published now, no unpublished changes, a "wagtail.publish" log entry and the
    ``page_published`` signal. What it leaves out only matters for a page with a past:
    ``publish()`` rebuilds the page from the revision and saves it again with all its
    child rows (the slow part of publishing thousands of pages), renames, aliases, comments
    and a go-live date in the future (callers publish such a page the usual way).
    """
    now = timezone.now()
    fields = {
        "live": True,
        "expired": False,
        "has_unpublished_changes": False,
        "live_revision": revision,
        "latest_revision": revision,
        "latest_revision_created_at": revision.created_at,
        "draft_title": page.title,
        "first_published_at": page.first_published_at or now,
        "last_published_at": now,
    }
    Page.objects.filter(pk=page.pk).update(**fields)  # Page's own columns: one statement
    for name, value in fields.items():
        setattr(page, name, value)
    entries = [(entry, None) for entry in creation or ()]
    entries.append((LogEntry("wagtail.publish", user), revision))
    _log(page, entries, now)
    # ``new_page`` spares the receivers that undo what a page's past left (preview tokens,
    # translation sources) a query each.
    page_published.send(
        sender=page.specific_class, instance=page, revision=revision,
        new_page=creation is not None,
    )  # fmt: skip


def _log(page, entries, timestamp):
    """Write the page's log entries ((LogEntry, revision)) as
    ``PageLogEntry.objects.log_action`` writes each, in one statement and without reading
    back the page, its content type and revision that ``full_clean`` would check exist."""
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    label = page.get_admin_display_title()
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page=page, content_type=content_type, label=entry.label or label, action=entry.action,
            timestamp=timestamp, user=entry.user or context.user,
            data=entry.data(page) if callable(entry.data) else entry.data,
            uuid=context.uuid, revision=revision, content_changed=entry.content_changed,
        )
        for entry, revision in entries
    )  # fmt: skip
