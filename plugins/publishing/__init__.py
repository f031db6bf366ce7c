"""Publishing: the site's settings file, CDN-ready output and ``make deploy``.

Not a Pelican plugin: ``site`` is read by ``pelicanconf.py``; ``cdn`` runs after
``make publish``; ``python -m publishing deploy`` uploads ``output/``.
"""
