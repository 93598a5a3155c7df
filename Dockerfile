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
RUN useradd --system --uid 10001 signoff
USER signoff
ENV SIGNOFF_AGREEMENTS_DIR=/app/agreements
EXPOSE 8000
CMD ["signoff", "serve", "--host", "0.0.0.0", "--port", "8000"]
