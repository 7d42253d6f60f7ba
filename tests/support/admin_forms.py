"""Form data for Wagtail's page editor, as the admin posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def brief_form(title, slug, publication_type_id, **overrides):
    """The editor's form data for a brief with an empty body and no authors, links or terms;
    ``overrides`` replace fields (already in form-data shape)."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "publication_type": publication_type_id,
            "date": "2020-01-05",
            "summary": "s",
            "body": streamfield([]),
            "recommended": streamfield([]),
            "endnotes": streamfield([]),
            "authors": inline_formset([]),
            "links": inline_formset([]),
            "regions": [],
            "issues": [],
            "tags": "",
            **overrides,
        }
    )


def event_form(title, slug, event_type_id, **overrides):
    """The editor's form data for an event with an empty body and no speakers or terms;
    ``overrides`` replace fields (already in form-data shape)."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "event_type": event_type_id,
            "start": "2030-11-04 12:00",
            "end": "2030-11-04 13:30",
            "time_zone": "America/New_York",
            "summary": "s",
            "venue": "",
            "address": "",
            "online_url": "",
            "join_link_lead_minutes": "",
            "registration_url": "",
            "recording_url": "",
            "report": rich_text(""),
            "body": streamfield([]),
            "related": streamfield([]),
            "speakers": inline_formset([]),
            "regions": [],
            "issues": [],
            **overrides,
        }
    )
