"""The admin's audio/video form: wagtailmedia's, with the files checked by content.

Installed with ``WAGTAILMEDIA["MEDIA_FORM_BASE"]``. The checks themselves live on
``MediaItem.clean`` (``podcasts.inspection``), so the importer and the admin refuse the same
files with the same messages; this form only narrows what the file pickers offer and
explains the choice between an upload and an external URL.
"""

from django import forms
from wagtailmedia.forms import BaseMediaForm


class MediaItemForm(BaseMediaForm):
    """wagtailmedia's form; the captions picker offers WebVTT files only, and an upload is
    optional when an external URL is given."""

    class Meta(BaseMediaForm.Meta):
        widgets = {
            **BaseMediaForm.Meta.widgets,
            "captions": forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].required = False
        # Read from the file when it is uploaded; editable for an external URL.
        for name in ("duration", "file_size"):
            if name in self.fields:
                self.fields[name].required = False
