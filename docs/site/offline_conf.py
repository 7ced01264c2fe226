# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Appended by `hacking/test.sh docs-site` to the conf.py that `antsibull-docs sphinx-init` writes, so that the site
# builds with warnings as errors and without network access:
# - no intersphinx inventories (the generated conf.py would fetch Python's, Jinja's and Ansible's);
# - the two labels of the Ansible documentation that antsibull-docs' page templates always reference
#   (common_return_values on every module page, ansible_configuration_settings on the environment variables page)
#   become plain links to those pages. Any other unresolved reference is still an error.

intersphinx_mapping = {}

_ANSIBLE_DOCS = 'https://docs.ansible.com/ansible/latest/reference_appendices/'
_ANSIBLE_LABELS = {
    'common_return_values': ('Return Values', _ANSIBLE_DOCS + 'common_return_values.html'),
    'ansible_configuration_settings': ('Ansible Configuration Settings', _ANSIBLE_DOCS + 'config.html'),
}


def _link_ansible_label(app, env, node, contnode):
    """missing-reference handler: a link to docs.ansible.com for the labels above, None for anything else."""
    target = _ANSIBLE_LABELS.get(node.get('reftarget')) if node.get('reftype') == 'ref' else None
    if target is None:
        return None
    from docutils import nodes  # pylint: disable=import-outside-toplevel
    title = contnode.astext() if node.get('refexplicit') else target[0]
    return nodes.reference('', title, internal=False, refuri=target[1])


def setup(app):
    app.connect('missing-reference', _link_ansible_label)
