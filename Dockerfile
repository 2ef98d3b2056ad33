# The copgraph API. Models ship inside PyPI packages, so the image needs no network at run time.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHAINLP_OFFLINE=1 HF_HUB_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml constraints.txt README.md ./
COPY graph_service ./graph_service
COPY ingest ./ingest
COPY embeddings ./embeddings
COPY queries ./queries
RUN pip install --no-cache-dir "torch==2.13.0" && pip install --no-cache-dir -c constraints.txt .
EXPOSE 8000
CMD ["copgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
