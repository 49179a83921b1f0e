"""The words our own templates and code put on every page, per language.

Words that data/ carries (phase labels, glossary entries...) are translated in
data/translations/ (guide/translations.py); the pages' own text is in docs/ and
docs/es/. What is left is here: the furniture around each page.
"""

from __future__ import annotations

WORDS = {
    "en": {
        "sources": "Sources",
        "how_we_check": "How we check our pages",
        "report": "Report a problem with this page",
        "report_where": "on GitHub, where you need a free account",
        "report_email": "by email",
        "report_private": "Please do not include personal medical details.",
        "recent_changes": "Recent changes",
        "no_history": "This copy of the site was made without its history, so the list of changes is not available here.",
        "no_changes": "No changes yet.",
        "changes_language": "",
        "full_history": "The full history is on",
        "pages": "Pages",
        "facts": "Facts",
        "table_title": "The same information as a table",
        "read_online": "Read this page online:",
        "scan": "Scan to open this page",
        "qr_alt": "QR code for this page's address",
        "other_language": "This page in another language",
        "and": "and",
        "or": "or",
        # Review status (guide/reviews.py): who checked this exact text, and when.
        "reviewed": "Clinically reviewed by {name}, {role}, on {date}",
        "changed": "Changed since its clinical review on {date}",
        "never": "Not yet clinically reviewed",
        "next_due": "Next review due {date}",
        "overdue": "Its next review was due on {date}. It is waiting for a clinician to check it again.",
        "changed_detail": "A clinician has not yet checked the latest changes.",
        "never_detail": "A clinician has not yet checked this page.",
        "translation": "",
        # The theme's furniture (overrides/), from the generator config's extra.words.
        "source": "Source",
        "sources_label": "Sources",
        "about_site": "About the site",
        "about_us": "About us and our standards",
        "privacy": "Privacy",
        "accessibility": "Accessibility",
        "what_changed": "What has changed",
        "for_editors": "For editors",
        "edit_page": "For editors: edit this page on GitHub",
        "last_changed": "Last changed",
        "not_found": "404 - Not found",
        "dark_mode": "Switch to dark mode",
        "light_mode": "Switch to light mode",
        "permalink": "Link to this section",
        # {{ section_links() }} on the clinicians' page (guide/urls.py)
        "section_links_intro": "You can also link to one part of a page. These links will keep working too.",
        "part_of_page": "Part of a page",
        "address": "Address",
        "qr_code": "QR code",
        "qr_this_address": "QR code for this address",
        # The patient booklet (guide/booklet.py) and the links to it (`{{ booklet_links() }}`).
        # The PDFs' file names are what a patient sees in downloads: in the edition's language.
        "booklet_file": "synkinesis-guide-{size}.pdf",
        "booklet_title": "{site_name}: the booklet",
        "booklet_cover": "Cover",
        "booklet_subtitle": "The whole guide for patients, in one booklet",
        "booklet_purpose": ("This booklet has every page for patients, in the same order as the website's menu.\n"
                            "You can read it at home and keep it."),
        "booklet_qr_alt": "QR code for the website's address",
        "booklet_online": "Read it online, always up to date:",
        "booklet_statuses": "Each page shows its own review status at its top.",
        "booklet_made": "This booklet was made on {date}.",
        "booklet_contents": "Contents",
        "booklet_list_at_end": "You will find this list at the end of this booklet: see",
        "booklet_numbers": "The numbers in square brackets in the text, like [1], point to this list.",
        "booklet_page": "Page {page} of {pages}",
        "booklet_links": "The whole guide as one booklet to print:",
        "booklet_a4": "A4 paper",
        "booklet_letter": "US Letter paper",
    },
    "es": {
        "sources": "Fuentes",
        "how_we_check": "Cómo revisamos nuestras páginas",
        "report": "Informar de un problema con esta página",
        "report_where": "en GitHub, donde necesita una cuenta gratuita",
        "report_email": "por correo electrónico",
        "report_private": "Por favor, no incluya datos médicos personales.",
        "recent_changes": "Cambios recientes",
        "no_history": "Esta copia del sitio se hizo sin su historial, así que la lista de cambios no está disponible aquí.",
        "no_changes": "Todavía no hay cambios.",
        "changes_language": "El equipo anota cada cambio en inglés.",
        "full_history": "El historial completo está en",
        "pages": "Páginas",
        "facts": "Datos",
        "table_title": "La misma información en una tabla",
        "read_online": "Lea esta página en internet:",
        "scan": "Escanee para abrir esta página",
        "qr_alt": "Código QR con la dirección de esta página",
        "other_language": "Esta página en otro idioma",
        "and": "y",
        "or": "o",
        # The clinical review of the medical content: that of the English page translated here.
        "reviewed": "Revisado clínicamente por {name}, {role}, el {date}",
        "changed": "Cambió después de su revisión clínica del {date}",
        "never": "Aún sin revisión clínica",
        "next_due": "Próxima revisión: {date}",
        "overdue": "Su próxima revisión debía hacerse el {date}. Está esperando que un profesional clínico la revise de nuevo.",
        "changed_detail": "Un profesional clínico aún no ha revisado los últimos cambios.",
        "never_detail": "Un profesional clínico aún no ha revisado esta página.",
        # A translation is reviewed on its own: by a qualified medical translator or a
        # bilingual clinician, recorded in data/reviews.yml like any page.
        "translation": "Esta página es una traducción de la versión en inglés.",
        "translation_reviewed": "Traducción revisada por {name}, {role}, el {date}",
        "translation_changed": "La traducción cambió después de su revisión del {date}",
        "translation_never": "Traducción aún no revisada",
        "translation_changed_detail": "Nadie ha revisado todavía los últimos cambios de la traducción.",
        "translation_never_detail": ("Un traductor médico cualificado o un profesional clínico bilingüe aún no ha "
                                     "revisado esta traducción."),
        "source": "Fuente",
        "sources_label": "Fuentes",
        "about_site": "Sobre el sitio",
        "about_us": "Quiénes somos y nuestras normas",
        "privacy": "Privacidad",
        "accessibility": "Accesibilidad",
        "what_changed": "Qué ha cambiado",
        "for_editors": "Para editores",
        "edit_page": "Para editores: editar esta página en GitHub (en inglés)",
        "last_changed": "Último cambio",
        "not_found": "404 - Página no encontrada",
        "dark_mode": "Cambiar al modo oscuro",
        "light_mode": "Cambiar al modo claro",
        "permalink": "Enlace a esta sección",
        "section_links_intro": "También puede enlazar a una parte de una página. Estos enlaces también seguirán funcionando.",
        "part_of_page": "Parte de una página",
        "address": "Dirección",
        "qr_code": "Código QR",
        "qr_this_address": "Código QR de esta dirección",
        "booklet_file": "guia-sincinesia-{size}.pdf",
        "booklet_title": "{site_name}: el folleto",
        "booklet_cover": "Portada",
        "booklet_subtitle": "Toda la guía para pacientes, en un folleto",
        "booklet_purpose": ("Este folleto tiene todas las páginas para pacientes, en el mismo orden que el menú del sitio web.\n"
                            "Puede leerlo en casa y guardarlo."),
        "booklet_qr_alt": "Código QR con la dirección del sitio web",
        "booklet_online": "Léalo en internet, siempre al día:",
        "booklet_statuses": "Cada página muestra arriba su propio estado de revisión.",
        "booklet_made": "Este folleto se hizo el {date}.",
        "booklet_contents": "Contenido",
        "booklet_list_at_end": "Encontrará esta lista al final de este folleto: vea",
        "booklet_numbers": "Los números entre corchetes en el texto, como [1], remiten a esta lista.",
        "booklet_page": "Página {page} de {pages}",
        "booklet_links": "Toda la guía en un folleto para imprimir:",
        "booklet_a4": "papel A4",
        "booklet_letter": "papel carta (EE. UU.)",
    },
}


# What the theme's templates read from the generator config (extra.words), so that
# every generator, and the 404 page, which has no front matter, says them in the edition's language.
THEME_WORDS = ("source", "sources_label", "about_site", "about_us", "privacy", "accessibility", "what_changed",
               "for_editors", "edit_page", "last_changed", "not_found")


def words(code: str) -> dict[str, str]:
    return WORDS[code]
