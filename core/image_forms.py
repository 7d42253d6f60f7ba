"""The admin's image upload form: Wagtail's, with every file checked by content.

Installed with ``WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.ImageForm"``; Wagtail
builds the forms of the single and multiple uploaders, the chooser's upload tab and
"replace file" on it. What is accepted is decided by ``core.uploads.check_image``, the
check the importer uses too.
"""

from django.core.exceptions import ValidationError
from django.forms.fields import FileField
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from core.uploads import ImageRefused, check_image


class RasterImageField(WagtailImageField):
    """Wagtail's image upload field, refusing anything ``check_image`` refuses before
    Wagtail's own checks run (so the editor reads the clearer message)."""

    def to_python(self, data):
        # Django's own checks first (no file, empty file, no name), then the content.
        upload = FileField.to_python(self, data)
        if upload is not None:
            try:
                check_image(upload, upload.name)
            except ImageRefused as error:
                raise ValidationError(str(error), code=error.code) from None
        return super().to_python(data)


class ImageForm(BaseImageForm):
    """Wagtail's image form with ``RasterImageField`` as its file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, RasterImageField):
            self.fields["file"] = RasterImageField(
                label=field.label, required=field.required, widget=field.widget
            )
