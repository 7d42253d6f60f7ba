"""Wagtail's ``{% image %}``, ``{% srcset_image %}`` and ``{% picture %}`` tags, failing soft.

Same syntax and output as ``wagtailimages_tags``; the difference is an image that cannot be
rendered (missing or damaged file, an SVG, too many pixels): these render nothing (and set
an ``as`` variable to None) instead of raising or emitting a broken ``<img>``. Templates of
the site and of the apps load this library, never ``wagtailimages_tags`` (a test checks).
"""

from django import template
from wagtail.images.models import Picture, ResponsiveImage
from wagtail.images.templatetags import wagtailimages_tags

from core.renditions import get_renditions

register = template.Library()


class _FailSoftMixin:
    def renditions(self, context, filters):
        """{spec: rendition} of the resolved image, or None (nothing to render)."""
        image = self.validate_image(context)
        if not image:
            return None
        renditions = get_renditions(image, *filters)
        if renditions is None and self.output_var_name:
            context[self.output_var_name] = None
        return renditions

    def resolved_attrs(self, context):
        return {key: value.resolve(context) for key, value in self.attrs.items()}


class ImageNode(_FailSoftMixin, wagtailimages_tags.ImageNode):
    """``{% image %}``: one rendition as an ``<img>``."""

    def render(self, context):
        filter_ = self.get_filter()
        renditions = self.renditions(context, [filter_])
        if renditions is None:
            return ""
        rendition = renditions[filter_.spec]
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag(self.resolved_attrs(context))


class SrcsetImageNode(_FailSoftMixin, wagtailimages_tags.SrcsetImageNode):
    """``{% srcset_image %}``: an ``<img>`` with a srcset."""

    wrapper = ResponsiveImage

    def render(self, context):
        renditions = self.renditions(context, self.get_filters())
        if renditions is None:
            return ""
        if self.output_var_name:
            context[self.output_var_name] = self.wrapper(renditions)
            return ""
        return self.wrapper(renditions, self.resolved_attrs(context)).__html__()


class PictureNode(SrcsetImageNode):
    """``{% picture %}``: a ``<picture>`` with a source per format."""

    wrapper = Picture


_NODES = {
    wagtailimages_tags.ImageNode: ImageNode,
    wagtailimages_tags.SrcsetImageNode: SrcsetImageNode,
    wagtailimages_tags.PictureNode: PictureNode,
}


def image(parser, token):
    """Parse as Wagtail does (same syntax, same errors), render with the fail-soft node."""
    node = wagtailimages_tags.image(parser, token)
    return _NODES[type(node)](
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
