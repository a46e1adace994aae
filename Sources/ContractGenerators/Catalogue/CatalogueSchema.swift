/// The JSON Schema (draft 2020-12) of `catalogue.json`.
///
/// `contractc catalogue` writes it next to the catalogue as `catalogue.schema.json`, and the
/// repository keeps the same text as `docs/catalogue.schema.json` (a test fails when the two
/// differ). Consumers such as `contractc inspect` rely on `code`, `interface`, `title`,
/// `protocol`, `address`, `hosting`, `origin` and `inspection`; new keys are added, never renamed.
public enum CatalogueSchema {
    /// The file name the schema is published under.
    public static let fileName = "catalogue.schema.json"

    /// The schema's text, ending in a newline.
    public static let text = ##"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:contractc:catalogue:1",
  "title": "contractc service catalogue (catalogue.json)",
  "description": "The service catalogue published by `contractc catalogue` (服务发布与巡检): one entry per interface contract of the Chengdu 人社 data-service standard, sorted by service code. Strings are the contracts' text, unescaped.",
  "type": "array",
  "items": { "$ref": "#/$defs/service" },
  "$defs": {
    "service": {
      "type": "object",
      "additionalProperties": false,
      "required": ["code", "interface", "title", "summary", "version", "owner", "resource", "service", "content", "other", "protocol", "address", "hosting", "origin", "inspection", "sharing", "exchange", "files", "methods", "types", "source"],
      "properties": {
        "code": { "description": "Service code (服务分类): resource digit, service digit, 2-digit serial.", "type": "string", "pattern": "^[123][1239][0-9]{2}$" },
        "interface": { "description": "Interface name (PascalCase).", "type": "string", "minLength": 1 },
        "title": { "type": "string", "minLength": 1 },
        "summary": { "type": ["string", "null"] },
        "version": { "description": "Semantic version of the interface.", "type": "string", "minLength": 1 },
        "owner": { "description": "The managing authority.", "type": "string", "minLength": 1 },
        "resource": {
          "description": "Resource category (数据资源类别), the code's first digit.",
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "digit", "label"],
          "properties": {
            "name": { "enum": ["general", "specialized", "analytical"] },
            "digit": { "enum": [1, 2, 3] },
            "label": { "enum": ["通用基础数据", "专项业务数据", "分析数据"] }
          }
        },
        "service": {
          "description": "Service category (服务类别), the code's second digit.",
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "digit", "label"],
          "properties": {
            "name": { "enum": ["basicQuery", "businessAnalysis", "statistics", "other"] },
            "digit": { "enum": [1, 2, 3, 9] },
            "label": { "enum": ["基础信息查询", "业务分析查询", "统计查询", "其他"] }
          }
        },
        "content": {
          "description": "Content kind (服务内容).",
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "label"],
          "properties": {
            "name": { "enum": ["basicInfoQuery", "statisticsQuery", "supervision", "correlationAnalysis", "dataPush", "dataMining", "intelligentAnalysis", "visualization", "other"] },
            "label": { "enum": ["基础信息查询", "统计查询", "监督检查", "关联分析查询", "数据推送", "数据挖掘", "智能分析", "数据可视化", "其他"] }
          }
        },
        "other": { "description": "The catch-all entry of its group (serial 99).", "type": "boolean" },
        "protocol": { "description": "Network protocol (服务接口 2): one of the nine, or one the catalogue declares under 'protocols:' in .contractc.yaml (the standard's list ends with 等).", "anyOf": [{ "enum": ["SOAP", "Telnet", "FTP", "SMTP", "HTTP", "HTTPS", "SFTP", "SNMP", "DNS"] }, { "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]*$" }] },
        "address": { "description": "The service's address, a URL.", "type": "string", "minLength": 1 },
        "hosting": { "description": "local (本地数据: repaired here) or remote (异地数据: reported to its origin).", "enum": ["local", "remote"] },
        "origin": { "description": "Who publishes and repairs a remote service.", "type": ["string", "null"] },
        "inspection": { "description": "Inspection period, an ISO 8601 duration.", "type": "string", "pattern": "^P" },
        "sharing": {
          "description": "Sharing class (数据共享).",
          "type": "object",
          "additionalProperties": false,
          "required": ["level", "label", "conditions"],
          "properties": {
            "level": { "enum": ["unconditional", "conditional", "none"] },
            "label": { "enum": ["无条件共享", "有条件共享", "不予共享"] },
            "conditions": { "type": ["string", "null"] }
          }
        },
        "exchange": {
          "description": "Exchange mode (数据交换).",
          "type": "object",
          "additionalProperties": false,
          "required": ["mode", "label"],
          "properties": {
            "mode": { "enum": ["interface", "database", "file", "cascade"] },
            "label": { "enum": ["服务接口交换", "数据库交换", "文件交换", "级联交换"] }
          }
        },
        "files": {
          "description": "Exchange file naming (文件名命名规则) of a file-exchange contract, else null.",
          "oneOf": [
            { "type": "null" },
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["classification", "region", "regionName", "extensions"],
              "properties": {
                "classification": { "description": "DB5101/T 132 classification code.", "type": "string", "pattern": "^[A-Za-z0-9]{1,5}$" },
                "region": { "description": "GB/T 2260 region code.", "type": "string", "pattern": "^[0-9]{6}$" },
                "regionName": { "type": ["string", "null"] },
                "extensions": { "type": "array", "items": { "type": "string" } }
              }
            }
          ]
        },
        "methods": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/method" } },
        "types": { "type": "array", "items": { "$ref": "#/$defs/type" } },
        "source": {
          "description": "The contract file the entry was published from.",
          "type": "object",
          "additionalProperties": false,
          "required": ["file", "sha256"],
          "properties": {
            "file": { "description": "Path relative to the folder the catalogue was published from.", "type": "string", "minLength": 1 },
            "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" }
          }
        }
      }
    },
    "method": {
      "type": "object",
      "additionalProperties": false,
      "required": ["name", "summary", "http", "parameters", "returns"],
      "properties": {
        "name": { "type": "string", "minLength": 1 },
        "summary": { "type": "string" },
        "http": {
          "oneOf": [
            { "type": "null" },
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["method", "path"],
              "properties": {
                "method": { "enum": ["GET", "POST", "PUT", "PATCH", "DELETE"] },
                "path": { "type": "string", "pattern": "^/" }
              }
            }
          ]
        },
        "parameters": { "type": "array", "items": { "$ref": "#/$defs/field" } },
        "returns": {
          "type": "object",
          "additionalProperties": false,
          "required": ["type", "length", "description", "maxItems", "codes"],
          "properties": {
            "type": { "description": "Long-form type, or none.", "type": "string", "minLength": 1 },
            "length": { "$ref": "#/$defs/length" },
            "description": { "type": "string" },
            "maxItems": { "type": ["integer", "null"], "minimum": 1 },
            "codes": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["code", "name", "meaning"],
                "properties": {
                  "code": { "type": "integer" },
                  "name": { "type": ["string", "null"] },
                  "meaning": { "type": "string" }
                }
              }
            }
          }
        }
      }
    },
    "type": {
      "type": "object",
      "additionalProperties": false,
      "required": ["name", "description", "fields"],
      "properties": {
        "name": { "type": "string", "minLength": 1 },
        "description": { "type": "string" },
        "fields": { "type": "array", "items": { "$ref": "#/$defs/field" } }
      }
    },
    "field": {
      "description": "A parameter of a method or a field of a type (服务接口 4).",
      "type": "object",
      "additionalProperties": false,
      "required": ["name", "type", "shorthand", "length", "required", "masking", "description", "maxItems"],
      "properties": {
        "name": { "type": "string", "minLength": 1 },
        "type": { "description": "Long-form type: string, integer, decimal, binary, boolean, date, datetime, a type name, or [T].", "type": "string", "minLength": 1 },
        "shorthand": { "description": "Data-element shorthand (C..50, N12,2, D8, …), or null for named types.", "type": ["string", "null"] },
        "length": { "$ref": "#/$defs/length" },
        "required": { "type": "boolean" },
        "masking": { "description": "Masking kind (数据脱敏).", "type": ["string", "null"] },
        "description": { "type": "string" },
        "maxItems": { "type": ["integer", "null"], "minimum": 1 }
      }
    },
    "length": {
      "description": "Length in long form: M..N characters, N digits or bytes, P,S for decimals; null for types without one.",
      "oneOf": [
        { "type": "null" },
        { "type": "string", "pattern": "^([0-9]+\\.\\.[0-9]+|[0-9]+|[0-9]+,[0-9]+)$" }
      ]
    }
  }
}

"""##
}
