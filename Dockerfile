FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY portal ./portal
COPY bots ./bots
COPY migrations ./migrations
COPY agreements ./agreements
# Editable, so the code finds migrations/ and agreements/ beside it in /app.
RUN pip install -e .
# The portal keeps nothing on disk with PostgreSQL; run without SIGNOFF_DATABASE_URL, its
# embedded SQLite database and key go where its user can write.
RUN useradd --system --uid 10001 signoff && install -d -o signoff /var/lib/signoff
USER signoff
ENV SIGNOFF_AGREEMENTS_DIR=/app/agreements SIGNOFF_DATA_DIR=/var/lib/signoff
EXPOSE 8000
CMD ["signoff", "serve", "--host", "0.0.0.0", "--port", "8000"]
