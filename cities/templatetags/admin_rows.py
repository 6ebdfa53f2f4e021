"""`{% lean_result_list cl %}`: Django's `{% result_list cl %}` (the same template,
`change_list_results.html`), with the rows written by `cities.admin_rows`."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from cities import admin_rows

register = template.Library()


@register.tag(name="lean_result_list")
def lean_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser,
        token,
        func=admin_rows.result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
