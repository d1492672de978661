import click

@click.group()
def main():
    """legal-docs"""
