"""S3-compatible object storage (AWS, Cloudflare R2, MinIO, …) with boto3."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ..engine import DeployError, Target, Upload
from ..files import MANIFEST_NAME, content_type
from . import require, secret


class S3Target(Target):
    """Objects with their Content-Type and Cache-Control; keys from the environment."""

    name = "s3"
    skip_precompressed = True  # a bucket cannot pick .br/.gz per request

    def __init__(self, settings: dict[str, Any]):
        require(settings, "bucket")
        self.bucket = settings["bucket"]
        self.prefix = (settings.get("prefix") or "").strip("/")
        access = os.environ.get("AWS_ACCESS_KEY_ID") or settings.get("user")
        secret_key = os.environ.get("AWS_SECRET_ACCESS_KEY") or secret(
            settings, "DEPLOY_PASSWORD"
        )
        self.client = boto3.client(
            "s3",
            endpoint_url=settings.get("endpoint") or None,
            region_name=settings.get("region")
            or os.environ.get("AWS_REGION")
            or "us-east-1",
            aws_access_key_id=access or None,
            aws_secret_access_key=secret_key or None,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}),
        )

    def _key(self, name: str) -> str:
        return f"{self.prefix}/{name}" if self.prefix else name

    def _fail(self, what: str, error: Exception) -> DeployError:
        return DeployError(f"s3://{self.bucket}/{self._key(what)}: {error}")

    def read_manifest(self) -> bytes | None:
        try:
            return self.client.get_object(
                Bucket=self.bucket, Key=self._key(MANIFEST_NAME)
            )["Body"].read()
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise self._fail(MANIFEST_NAME, error) from error
        except BotoCoreError as error:
            raise self._fail(MANIFEST_NAME, error) from error

    def upload(self, item: Upload) -> None:
        try:
            with open(item.source, "rb") as body:
                self.client.put_object(
                    Bucket=self.bucket,
                    Key=self._key(item.path),
                    Body=body,
                    ContentType=item.content_type,
                    CacheControl=item.cache_control,
                )
        except (ClientError, BotoCoreError, OSError) as error:
            raise self._fail(item.path, error) from error

    def upload_phase(self, items: list[Upload], done: Callable[[Upload], None]) -> None:
        # Objects are independent: a few at a time, each reported when in place;
        # the phase ends only when all are (the next phase depends on them).
        with ThreadPoolExecutor(max_workers=8) as pool:
            for item, _ in zip(items, pool.map(self.upload, items), strict=True):
                done(item)

    def delete(self, paths: list[str]) -> None:
        for start in range(0, len(paths), 1000):  # the API's batch limit
            batch = [{"Key": self._key(name)} for name in paths[start : start + 1000]]
            try:
                result = self.client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True}
                )
            except (ClientError, BotoCoreError) as error:
                raise self._fail(paths[start], error) from error
            if result.get("Errors"):
                first = result["Errors"][0]
                raise DeployError(
                    f"s3://{self.bucket}/{first.get('Key')}: {first.get('Message')}"
                )

    def write_manifest(self, data: bytes) -> None:
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self._key(MANIFEST_NAME),
                Body=data,
                ContentType=content_type(MANIFEST_NAME),
                CacheControl="no-cache",
            )
        except (ClientError, BotoCoreError) as error:
            raise self._fail(MANIFEST_NAME, error) from error
