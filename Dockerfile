# Front-end packages from npm, copied in as the app's own static files (no CDN).
FROM node:20-slim AS static
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.12-slim-trixie
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 NODE_MODULES_DIR=/app/node_modules
# WeasyPrint's libraries, Liberation Serif 2 (Times New Roman metrics, full Vietnamese), poppler for checks.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core \
      poppler-utils curl postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY --from=static /src/node_modules /app/node_modules
COPY . .
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput
RUN useradd --create-home thidua && mkdir -p /app/media /app/backups && chown -R thidua /app/media /app/backups
USER thidua
EXPOSE 8000
CMD ["gunicorn", "thidua.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
